// corpus: modelled on mikeweltejr/simplify-streaming@279443e982b65acf9e2c2fef19fc4725b03fe07d:DAL/App/Models/DynamoBase.cs; written for schema_sync, not copied
using System.Text.Json.Serialization;

namespace Streaming.DAL.App.Models
{
    public class StreamBase
    {
        [JsonIgnore]
        public string? PK { get; set; }
        [JsonIgnore]
        public string? SK { get; set; }
        [JsonIgnore]
        public string? GSI_1 { get; set; }

        public StreamBase () {}

        public StreamBase(string pk, string sk)
        {
            this.PK = pk;
            this.SK = sk;
        }
    }
}
