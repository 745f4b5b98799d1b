// corpus: modelled on phasetr/ASP.NET-Core@349eb90594c1299226c43cda72ab16cfecbf1590:BlazorJwtAuth/WebApiDynamodbLocal/Entities/BaseEntity.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.Model;

namespace WebApiDynamodbLocal.Entities;

public abstract class KeyedEntity
{
    [DynamoDBHashKey(AttributeName = "PK")]
    public string Pk { get; set; } = default!;

    [DynamoDBRangeKey(AttributeName = "SK")]
    public string Sk { get; set; } = default!;

    public abstract string ToPk();
    public abstract string ToSk();
    public abstract Dictionary<string, AttributeValue> ToItem();
}
