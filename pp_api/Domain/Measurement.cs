#nullable enable
using System;
using PpApi.Domain.Enums;

namespace PpApi.Domain;

/// <summary>One observed or estimated value of a KPI at a point in time.</summary>
public class Measurement
{
    internal Measurement(Guid id, string kpiId, string tenantId, DateTime measuredAt, decimal value, AuditInfo audit)
    {
        Id = id;
        KpiId = kpiId;
        TenantId = tenantId;
        MeasuredAt = measuredAt;
        Value = value;
        Audit = audit;
    }

    public Guid Id { get; }

    public string KpiId { get; }

    public string TenantId { get; }

    public DateTime MeasuredAt { get; }

    public decimal Value { get; }

    public MeasurementSource Source { get; internal set; } = MeasurementSource.Manual;

    public double? Confidence { get; internal set; }

    public long Sequence { get; internal set; }

    public string? Note { get; internal set; }

    public AuditInfo Audit { get; }

    public bool IsEstimate => Source == MeasurementSource.AiEstimate || Confidence.HasValue;

    public static Measurement Record(Kpi kpi, DateTime measuredAtUtc, decimal value, MeasurementSource source, double? confidence, string recordedBy, DateTime nowUtc)
    {
        var measuredAt = Guard.Utc(measuredAtUtc, "Measurement time");
        if (measuredAt > nowUtc.AddMinutes(5))
        {
            throw new DomainException("A measurement cannot be in the future.");
        }

        if (source == MeasurementSource.AiEstimate && !confidence.HasValue)
        {
            throw new DomainException("An AI estimate must state its confidence.");
        }

        return new Measurement(Guid.NewGuid(), kpi.Id, kpi.TenantId, measuredAt, value, AuditInfo.CreatedNow(recordedBy))
        {
            Source = source,
            Confidence = confidence.HasValue ? Guard.InRange(confidence.Value, 0d, 1d, "Confidence") : (double?)null,
        };
    }

    /// <summary>Change relative to an earlier measurement, in percent; null when the earlier value is zero.</summary>
    public decimal? ChangeSince(Measurement earlier)
    {
        if (earlier.KpiId != KpiId || earlier.MeasuredAt >= MeasuredAt)
        {
            throw new DomainException("Measurements can only be compared with earlier ones of the same KPI.");
        }

        return earlier.Value == 0m ? (decimal?)null : Math.Round((Value - earlier.Value) / Math.Abs(earlier.Value) * 100m, 2);
    }
}
