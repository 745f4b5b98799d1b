// corpus: modelled on philippham/aws-dynamoDB-limit-offset-paging@38278d3fb478ff8910f08cddb2f7cdcf645056de:OffsetLimitDynamoDB_POC/MyPoc.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

namespace Paging.Poc
{
    public class PagingRecord
    {
        [DynamoDBHashKey]
        public string PartitionKey { get; set; }

        [DynamoDBRangeKey]
        public string SortKey { get; set; }

        [DynamoDBProperty]
        public string ReferenceId { get; set; }

        public int PageSize { get; set; }
    }
}
