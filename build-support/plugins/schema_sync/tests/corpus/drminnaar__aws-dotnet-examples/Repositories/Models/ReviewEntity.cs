// corpus: modelled on drminnaar/aws-dotnet-examples@5c978231b82439cda9054d143330743b71c71329:dynamodb-console/DynamoDb.ConsoleApp/Repositories/Models/BookEntity.cs; written for schema_sync, not copied
#nullable enable
using Amazon.DynamoDBv2.DataModel;

namespace Examples.Repositories.Models
{
    [DynamoDBTable("Examples.Reviews")]
    public sealed class ReviewEntity
    {
        [DynamoDBHashKey]
        public string BookId { get; set; } = "";

        [DynamoDBRangeKey]
        public string ReviewId { get; set; } = "";

        public double Rating { get; set; }

        public bool Verified { get; set; }

        public string? Comment { get; set; }
    }
}
