// corpus: modelled on inputfalken/DynamoDB.SourceGenerator@641930eb93deb671c1f93d25c07ccc6a9a7e44f5:SampleApp/PersonEntity.cs; written for schema_sync, not copied
using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;

namespace Samples.People;

public partial class ScoreCard
{
    [DynamoDBProperty]
    public IEnumerable<KeyValuePair<string, int>> Pairs { get; set; } = null!;

    [DynamoDBHashKey]
    public string CardKey { get; set; } = null!;

    public Marker First { get; set; }

    public class Marker
    {
    }
}
