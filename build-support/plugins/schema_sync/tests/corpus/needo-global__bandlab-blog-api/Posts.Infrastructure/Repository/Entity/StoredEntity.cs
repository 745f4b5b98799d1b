// corpus: modelled on needo-global/bandlab-blog-api@02dcaaace525068ee9ce7d69e0670f3901651ddc:Posts.Infrastructure/Repository/Entity/BaseEntity.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

namespace Posts.Infrastructure.Repository.Entity;

internal class StoredEntity
{
    [DynamoDBHashKey]
    public string PK { get; set; }
    [DynamoDBRangeKey]
    public string SK { get; set; }
    public string Type { get; set; }
}
