// corpus: modelled on marklauter/DynamoDbLite@782433e164d90a55f698b3adc58072b9bca7980c:tests/DynamoDbLite.Tests/Models/EnumItem.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

namespace Lite.Tests.Models;

internal enum Stage
{
    Draft = 0,
    Live = 1,
    Retired = 2,
}

[DynamoDBTable("Statuses")]
internal sealed class StatusItem
{
    [DynamoDBHashKey]
    public string Id { get; set; } = "";

    public Stage Stage { get; set; }
}
