// corpus: modelled on devonfw/devon4net@23ac691de76fcb6cae6f48001e36b9a33a9d01c1:source/Templates/AWS/Devon4Net.Application.DynamoDb/business/DynamoDbManagement/Domain/Tables/DynamoTable.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using System.Collections.Generic;

namespace Devon.DynamoDbManagement.Domain.Tables
{
    [DynamoDBTable("catalog_table")]
    public class CatalogTable
    {
        [DynamoDBHashKey]
        [DynamoDBProperty("key")]
        public string Key { get; set; }

        [DynamoDBProperty("services")]
        public List<string> ServiceList{ get; set; }

        [DynamoDBIgnore]
        public string CoverPage { get; set; }
    }
}
