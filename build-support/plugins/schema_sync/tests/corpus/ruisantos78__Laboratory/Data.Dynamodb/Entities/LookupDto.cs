// corpus: modelled on ruisantos78/Laboratory (RuiSantos.Labs.Data.Dynamodb entities; commit and path not recorded by the index search); written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

using static Lab.Data.Dynamodb.Mappings.TableNames;

namespace Lab.Data.Dynamodb.Entities;

[DynamoDBTable(LookupTable)]
internal partial class LookupDto
{
    [DynamoDBHashKey(AttributeName = SourceAttribute)]
    public string Source { get; init; }

    [DynamoDBProperty]
    public HashSet<string> Values { get; init; }

    public LookupDto(): this(string.Empty)
    {
    }

    public LookupDto(string source)
    {
        this.Source = source;
        this.Values = new();
    }
}
