// corpus: modelled on vinaylunawat/DotnetGraphQLWithDynamodb@1bfad5a8b61eabdd71a73734b19918e283f22ee1:OrganizationSolution/Source/Framework/Framework.Entity/Entities/EntityWithId.cs; written for schema_sync, not copied
using System;
using Amazon.DynamoDBv2.DataModel;
using Framework.Entity.Entities;

namespace Organization.Entity
{
    [DynamoDBTable("Departments")]
    public class Department : EntityWithId<Guid>
    {
        public string Name { get; set; }
        public int Floor { get; set; }
    }
}
