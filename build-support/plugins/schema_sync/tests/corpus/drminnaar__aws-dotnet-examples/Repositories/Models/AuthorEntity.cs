// corpus: modelled on drminnaar/aws-dotnet-examples@5c978231b82439cda9054d143330743b71c71329:dynamodb-console/DynamoDb.ConsoleApp/Repositories/Models/BookEntity.cs; written for schema_sync, not copied
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;

namespace Examples.Repositories.Models
{
    [DynamoDBTable("Examples.Authors")]
    public sealed class AuthorEntity
    {
        [DynamoDBHashKey]
        public string Id { get; set; }

        [DynamoDBProperty]
        public string Name { get; set; }

        [DynamoDBProperty]
        public List<string> Aliases { get; set; }

        public int BirthYear { get; set; }
    }
}
