// corpus: modelled on david-ting-dt/lambda-server@f40db0b0b5d7f5579434e4617478ccbc3f144409:src/HelloWorld/DbItem/Person.cs; written for schema_sync, not copied
using System;
using Amazon.DynamoDBv2.DataModel;

namespace Lambda.Items
{
    [DynamoDBTable("Visits")]
    public class Visit
    {
        [DynamoDBHashKey("memberId")]
        public string MemberId { get; set; }
        [DynamoDBRangeKey("at")]
        public DateTime At { get; set; }
        [DynamoDBVersion(AttributeName = "ver")]
        public long? Ver { get; set; }
        public int Count { get; set; }
    }
}
