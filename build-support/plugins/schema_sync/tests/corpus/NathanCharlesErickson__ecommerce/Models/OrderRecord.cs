// corpus: modelled on NathanCharlesErickson/ecommerce@cf4490cfb557de075b144490800325467f18814e:NathanIanEcom/Models/Order.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using System;

namespace Shop.Models
{
    [DynamoDBTable("ShopOrders")]
    public class OrderRecord
    {
        [DynamoDBHashKey]
        public String PK { get; set; }
        [DynamoDBRangeKey]
        public String SK { get; set; }
        [DynamoDBProperty]
        public String EntityType { get; set; }
        [DynamoDBProperty]
        public String Status { get; set; }
        [DynamoDBProperty]
        public Int32 LineCount { get; set; }
        [DynamoDBProperty]
        public Boolean Paid { get; set; }
    }
}
