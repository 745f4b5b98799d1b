// corpus: modelled on inputfalken/DynamoDB.SourceGenerator@641930eb93deb671c1f93d25c07ccc6a9a7e44f5:samples/ConsoleApp/PersonEntity.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
namespace Samples.People;

public class PersonRecord
{
    [DynamoDBHashKey]
    public string Id { get; set; }

    [DynamoDBProperty("Given")]
    //[DynamoDBGlobalSecondaryIndexHashKey("by-given")]
    public string FirstName { get; set; }
    public string LastName { get; set; }
    public PostalAddress Address { get; set; }
}
