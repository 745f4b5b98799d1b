// corpus: modelled on marklauter/DynamoDbLite@ccc584f00aedf33b132815e5a6528b501a76d6e9:tests/DynamoDbLite.Tests/Models/CollectionItem.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

namespace Lite.Tests.Models;

[DynamoDBTable("Bags")]
internal class BagItem
{
    [DynamoDBHashKey]
    public string Id { get; set; } = "";

    public List<string> Labels { get; set; } = [];

    public Dictionary<string, int> Counts { get; set; } = [];

    public HashSet<string> Names { get; set; } = [];

    public HashSet<int> Numbers { get; set; } = [];
}
