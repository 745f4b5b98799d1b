using System.Collections.Generic;
using Amazon.DynamoDBv2.DataModel;

namespace Billing.Data;

/// <summary>A payment, stored by the billing service's DynamoDBContext (conversion V2).</summary>
[DynamoDBTable("payments")]
public class PaymentDataModel
{
    /// <summary>The payment (partition key).</summary>
    [DynamoDBHashKey("payment_id")]
    public string PaymentId { get; set; } = string.Empty;

    /// <summary>Whether the payment settled.</summary>
    [DynamoDBProperty("settled")]
    public bool Settled { get; set; }

    /// <summary>Labels of the payment.</summary>
    [DynamoDBProperty("labels")]
    public List<string> Labels { get; set; } = new List<string>();

    /// <summary>A free-text note.</summary>
    [DynamoDBProperty("note")]
    public string Note { get; set; } = string.Empty;
}
