using System;
using Amazon.DynamoDBv2.DataModel;

namespace Acme.Data;

/// <summary>Audit fields every stored item carries.</summary>
public abstract class AuditedModel
{
    /// <summary>When the item was first written.</summary>
    [DynamoDBProperty("created_at")]
    public DateTime CreatedAt { get; set; }

    /// <summary>Who wrote the item first.</summary>
    [DynamoDBProperty("created_by")]
    public string CreatedBy { get; set; } = string.Empty;
}
