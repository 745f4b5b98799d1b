// corpus: modelled on phasetr/ASP.NET-Core@349eb90594c1299226c43cda72ab16cfecbf1590:BlazorJwtAuth/WebApiDynamodbLocal/Entities/BaseEntity.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace WebApiDynamodbLocal.Entities;

[DynamoDBTable("Accounts")]
public class Session : KeyedEntity
{
    public string Token { get; set; } = default!;
    public long ExpiresAt { get; set; }

    public override string ToPk() => $"ACCOUNT#{Token}";
    public override string ToSk() => $"SESSION#{ExpiresAt}";
    public override Dictionary<string, AttributeValue> ToItem() => new();
}
