// corpus: modelled on needo-global/bandlab-blog-api@02dcaaace525068ee9ce7d69e0670f3901651ddc:Posts.Infrastructure/Repository/Entity/BaseEntity.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

namespace Posts.Infrastructure.Repository.Entity;

[DynamoDBTable("blog")]
internal class CommentEntity : StoredEntity
{
    public string Content { get; set; }
    public string Creator { get; set; }
    public DateTime CreatedAt { get; set; }
}
