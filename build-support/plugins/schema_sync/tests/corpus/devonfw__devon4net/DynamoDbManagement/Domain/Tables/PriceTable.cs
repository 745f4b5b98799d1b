// corpus: modelled on devonfw/devon4net@23ac691de76fcb6cae6f48001e36b9a33a9d01c1:source/Templates/AWS/Devon4Net.Application.DynamoDb/business/DynamoDbManagement/Domain/Tables/DynamoTable.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using System.Collections.Generic;

namespace Devon.DynamoDbManagement.Domain.Tables
{
    [DynamoDBTable("price_table")]
    public class PriceTable
    {
        [DynamoDBHashKey]
        [DynamoDBProperty("sku")]
        public string Sku { get; set; }

        [DynamoDBProperty("prices")]
        public Dictionary<string, decimal> Prices { get; set; }

        [DynamoDBProperty("tags")]
        public HashSet<string> Tags { get; set; }

        public float Weight { get; set; }
    }
}
