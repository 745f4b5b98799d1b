#nullable enable
using System;
using PpApi.Data;
using PpApi.Domain;

namespace PpApi.Mappers;

/// <summary>Maps the shared audit fields and normalises timestamps read back by the SDK.</summary>
public static class AuditMapper
{
    /// <summary>
    /// The SDK stores UTC but, by default, loads <see cref="DateTime"/> values as local time.
    /// Everything in the domain is UTC.
    /// </summary>
    public static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();

    public static DateTime? AsUtc(DateTime? value) => value.HasValue ? AsUtc(value.Value) : (DateTime?)null;

    public static AuditInfo ToDomain(BaseDataModel model) =>
        new AuditInfo(AsUtc(model.CreatedAt), model.CreatedBy, AsUtc(model.UpdatedAt), model.UpdatedBy);

    public static void CopyTo(AuditInfo audit, BaseDataModel model)
    {
        model.CreatedAt = audit.CreatedAt;
        model.CreatedBy = audit.CreatedBy;
        model.UpdatedAt = audit.UpdatedAt;
        model.UpdatedBy = audit.UpdatedBy;
    }
}
