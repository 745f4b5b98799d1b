// corpus: modelled on NathanCharlesErickson/ecommerce@cf4490cfb557de075b144490800325467f18814e:NathanIanEcom/Models/Order.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using System;
using System.Collections.Generic;

namespace Shop.Models
{
    [DynamoDBTable("ShopOrders")]
    public class CustomerRecord
    {
        [DynamoDBHashKey]
        public String PK { get; set; }
        [DynamoDBRangeKey]
        public String SK { get; set; }
        [DynamoDBProperty]
        public String Email { get; set; }
        [DynamoDBProperty]
        public List<String> Phones { get; set; }
    }
}
