// corpus: modelled on david-ting-dt/lambda-server@f40db0b0b5d7f5579434e4617478ccbc3f144409:src/HelloWorld/DbItem/Person.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

namespace Lambda.Items
{
    [DynamoDBTable("Members")]
    public class Member
    {
        [DynamoDBHashKey("id")]
        public string Id { get; set; }
        [DynamoDBProperty("name")]
        public string Name { get; set; }
        [DynamoDBVersion]
        public int? Revision { get; set; }
    }
}
