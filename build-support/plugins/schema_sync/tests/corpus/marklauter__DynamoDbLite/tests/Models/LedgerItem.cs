// corpus: modelled on marklauter/DynamoDbLite@782433e164d90a55f698b3adc58072b9bca7980c:tests/DynamoDbLite.Tests/Models/VersionedItem.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

namespace Lite.Tests.Models;

[DynamoDBTable("Ledger")]
internal sealed class LedgerItem
{
    [DynamoDBHashKey]
    public string Account { get; set; } = "";

    [DynamoDBRangeKey]
    public int Sequence { get; set; }

    public decimal Amount { get; set; }

    [DynamoDBVersion]
    public int? VersionNumber { get; set; }
}
