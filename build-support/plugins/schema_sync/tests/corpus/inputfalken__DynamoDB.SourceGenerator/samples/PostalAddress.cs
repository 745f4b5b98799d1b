// corpus: modelled on inputfalken/DynamoDB.SourceGenerator@641930eb93deb671c1f93d25c07ccc6a9a7e44f5:samples/ConsoleApp/PersonEntity.cs; written for schema_sync, not copied
namespace Samples.People;

public class PostalAddress
{
    public string Street { get; set; }
    public string City { get; set; }
    public string Zip { get; set; }
    public int Number { get; set; }
}
