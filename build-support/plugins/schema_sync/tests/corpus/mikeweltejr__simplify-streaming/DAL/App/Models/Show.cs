// corpus: modelled on mikeweltejr/simplify-streaming@279443e982b65acf9e2c2fef19fc4725b03fe07d:DAL/App/Models/DynamoBase.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;

namespace Streaming.DAL.App.Models
{
    [DynamoDBTable("Streaming")]
    public class Show : StreamBase
    {
        public string? Title { get; set; }
        public int Seasons { get; set; }

        public Show() {}
    }
}
