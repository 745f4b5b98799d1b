// corpus: modelled on ruisantos78/Laboratory (RuiSantos.Labs.Data.Dynamodb entities; commit and path not recorded by the index search); written for schema_sync, not copied
namespace Lab.Data.Dynamodb.Mappings;

internal static class TableNames
{
    public const string LookupTable = "Lookup";
    public const string DoctorsTable = "Doctors";
    public const string SourceAttribute = "Source";
    public const string DoctorIdAttribute = "DoctorId";
    public const string LicenseIndex = "DoctorLicenseIndex";
}
