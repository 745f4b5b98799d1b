#nullable enable
using PpApi.Data;
using PpApi.Domain;

namespace PpApi.Mappers;

/// <summary>Maps <see cref="Measurement"/> to and from <see cref="MeasurementDataModel"/>.</summary>
public static class MeasurementMapper
{
    public static Measurement ToDomain(MeasurementDataModel model) =>
        new Measurement(model.MeasurementId, model.KpiId, model.TenantId, AuditMapper.AsUtc(model.MeasuredAt), model.Value, AuditMapper.ToDomain(model))
        {
            Source = EnumMapper.ToDomain(model.Source),
            Confidence = model.Confidence,
            Sequence = model.Sequence,
            Note = model.Note,
        };

    public static MeasurementDataModel ToDataModel(Measurement measurement)
    {
        var model = new MeasurementDataModel
        {
            KpiId = measurement.KpiId,
            MeasuredAt = measurement.MeasuredAt,
            MeasurementId = measurement.Id,
            TenantId = measurement.TenantId,
            Value = measurement.Value,
            Source = EnumMapper.ToData(measurement.Source),
            Confidence = measurement.Confidence,
            Sequence = measurement.Sequence,
            IsEstimate = measurement.IsEstimate,
            Note = measurement.Note,
        };
        AuditMapper.CopyTo(measurement.Audit, model);
        return model;
    }
}
