// corpus: modelled on phasetr/ASP.NET-Core@349eb90594c1299226c43cda72ab16cfecbf1590:BlazorJwtAuth/WebApiDynamodbLocal/Entities/BaseEntity.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace WebApiDynamodbLocal.Entities;

[DynamoDBTable("Accounts")]
public class Account : KeyedEntity
{
    public string Email { get; set; } = default!;
    public string Role { get; set; } = "user";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public override string ToPk() => $"ACCOUNT#{Email}";
    public override string ToSk() => "PROFILE";
    public override Dictionary<string, AttributeValue> ToItem() => new();
}
