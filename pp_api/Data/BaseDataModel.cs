#nullable enable
using System;
using Amazon.DynamoDBv2.DataModel;
using PpApi.Data.Constants;

namespace PpApi.Data;

/// <summary>
/// Audit fields shared by the table models. Not a table itself.
/// </summary>
public abstract class BaseDataModel
{
    /// <summary>When the item was first written (UTC).</summary>
    [DynamoDBProperty(AttributeNames.CreatedAt)]
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>When the item was last written (UTC).</summary>
    [DynamoDBProperty(AttributeNames.UpdatedAt)]
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>Id of the user or service that created the item.</summary>
    [DynamoDBProperty("created_by")]
    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>Id of the user or service that last changed the item; absent until the first update.</summary>
    [DynamoDBProperty("updated_by")]
    public string? UpdatedBy { get; set; }

    /// <summary>Stamps the update audit fields before a save.</summary>
    public void Touch(string actorId)
    {
        UpdatedAt = DateTime.UtcNow;
        UpdatedBy = actorId;
    }
}
