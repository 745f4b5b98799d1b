namespace PpApi.Data.Enums
{
    /// <summary>Whether a higher or a lower measured value is better.</summary>
    public enum KpiDirection : byte
    {
        HigherIsBetter = 1,
        LowerIsBetter = 2,
        WithinRange = 3,
    }
}
