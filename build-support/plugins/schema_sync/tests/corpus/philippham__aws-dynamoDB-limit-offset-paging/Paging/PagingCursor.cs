// corpus: modelled on philippham/aws-dynamoDB-limit-offset-paging@38278d3fb478ff8910f08cddb2f7cdcf645056de:OffsetLimitDynamoDB_POC/MyPoc.cs; written for schema_sync, not copied
using System;
using Amazon.DynamoDBv2.DataModel;

namespace Paging.Poc
{
    [DynamoDBTable("Cursors")]
    public class PagingCursor
    {
        [DynamoDBHashKey]
        public string Id { get; set; }

        public long Offset { get; set; }

        public int Limit { get; set; }

        public DateTime IssuedAt { get; set; }

        public bool Exhausted => Offset < 0;
    }
}
