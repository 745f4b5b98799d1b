// corpus: modelled on vinaylunawat/DotnetGraphQLWithDynamodb@1bfad5a8b61eabdd71a73734b19918e283f22ee1:OrganizationSolution/Source/Framework/Framework.Entity/Entities/EntityWithId.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

namespace Framework.Entity.Entities
{
    public abstract class EntityWithId<TId> : EntityBase
    {
        [DynamoDBHashKey("Id")]
        public TId Id { get; set; }
    }
}
