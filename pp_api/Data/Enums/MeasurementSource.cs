namespace PpApi.Data.Enums;

/// <summary>Where a measurement came from.</summary>
public enum MeasurementSource : byte
{
    Manual,
    Import,
    Integration,
    AiEstimate,
}
