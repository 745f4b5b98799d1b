#nullable enable
using System;
using Amazon.DynamoDBv2.DataModel;

namespace PpApi.Data;

/// <summary>
/// Target a KPI is measured against. Stored as a map inside the KPI item.
/// </summary>
public class KpiTarget
{
    /// <summary>Value to reach.</summary>
    public decimal Value { get; set; }

    /// <summary>Lower bound of the acceptable band for "within range" KPIs.</summary>
    public decimal? LowerBound { get; set; }

    /// <summary>Upper bound of the acceptable band for "within range" KPIs.</summary>
    public decimal? UpperBound { get; set; }

    /// <summary>Measurement period: "weekly", "monthly", "quarterly" or "yearly".</summary>
    [DynamoDBProperty("period")]
    public string Period { get; set; } = "monthly";

    /// <summary>Date the target applies to, if it is time-bound.</summary>
    public DateTime? DueDate { get; set; }
}
