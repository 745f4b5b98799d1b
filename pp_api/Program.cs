using System;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;

namespace PpApi
{
    /// <summary>Entry point. Wires a <see cref="DynamoDBContext"/> the way the API hosts do.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var prefix = Environment.GetEnvironmentVariable("PP_TABLE_PREFIX") ?? string.Empty;
            using var client = new AmazonDynamoDBClient();
            using var context = new DynamoDBContext(client, new DynamoDBContextConfig
            {
                TableNamePrefix = prefix,
                Conversion = DynamoDBEntryConversion.V1,
            });

            Console.WriteLine($"pp_api ready (table prefix '{prefix}')");
            return 0;
        }
    }
}
