namespace PpApi.Domain.Enums;

/// <summary>Origin of a measured value.</summary>
public enum MeasurementSource
{
    Manual,
    Import,
    Integration,
    AiEstimate,
}
