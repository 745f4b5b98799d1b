// corpus: modelled on marklauter/DynamoDbLite@e963aeb794005280bac04b829fcf5f3051cce680:tests/DynamoDbLite.Tests/Models/GsiItem.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

namespace Lite.Tests.Models;

[DynamoDBTable("IndexedItems")]
internal class IndexedItem
{
    [DynamoDBHashKey]
    public string PK { get; set; } = "";

    [DynamoDBRangeKey]
    public string SK { get; set; } = "";

    [DynamoDBGlobalSecondaryIndexHashKey("ByOwner")]
    public string Owner { get; set; } = "";

    [DynamoDBGlobalSecondaryIndexRangeKey("ByOwner")]
    public DateTime Created { get; set; }

    [DynamoDBLocalSecondaryIndexRangeKey("ByPriority")]
    public int Priority { get; set; }

    public string Data { get; set; } = "";
}
