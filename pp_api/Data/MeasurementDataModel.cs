#nullable enable
using System;
using Amazon.DynamoDBv2.DataModel;
using PpApi.Data.Constants;
using PpApi.Data.Enums;

namespace PpApi.Data;

/// <summary>
/// One measured value of a KPI, stored in the <c>kpi_measurements</c> table.
/// </summary>
[DynamoDBTable(TableNames.Measurements)]
public class MeasurementDataModel : BaseDataModel
{
    /// <summary>KPI the value belongs to (partition key).</summary>
    [DynamoDBHashKey("kpi_id")]
    public string KpiId { get; set; } = string.Empty;

    /// <summary>Point in time the value refers to (sort key).</summary>
    [DynamoDBRangeKey("measured_at")]
    public DateTime MeasuredAt { get; set; }

    /// <summary>Unique id of the measurement, used for idempotent imports.</summary>
    [DynamoDBProperty("measurement_id")]
    public Guid MeasurementId { get; set; } = Guid.NewGuid();

    /// <summary>Owning tenant.</summary>
    [DynamoDBGlobalSecondaryIndexHashKey(IndexNames.TenantIndex)]
    [DynamoDBProperty(AttributeNames.TenantId)]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Measured value.</summary>
    [DynamoDBProperty("value")]
    public decimal Value { get; set; }

    /// <summary>Where the value came from.</summary>
    [DynamoDBProperty("source")]
    public MeasurementSource Source { get; set; } = MeasurementSource.Manual;

    /// <summary>Confidence (0-1) for estimated values.</summary>
    [DynamoDBProperty("confidence")]
    public double? Confidence { get; set; }

    /// <summary>Monotonic sequence number assigned by the importer.</summary>
    [DynamoDBProperty("sequence")]
    public long Sequence { get; set; }

    /// <summary>True for an estimate rather than an observed value.</summary>
    [DynamoDBProperty("is_estimate")]
    public bool IsEstimate { get; set; }

    /// <summary>Comment entered with the value.</summary>
    [DynamoDBProperty("note")]
    public string? Note { get; set; }
}
