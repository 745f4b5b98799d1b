// corpus: modelled on ruisantos78/Laboratory (RuiSantos.Labs.Data.Dynamodb entities; commit and path not recorded by the index search); written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using Lab.Data.Dynamodb.Entities.Converters;

using static Lab.Data.Dynamodb.Mappings.TableNames;

namespace Lab.Data.Dynamodb.Entities;

[DynamoDBTable(DoctorsTable)]
internal class DoctorDto
{
    [DynamoDBHashKey(AttributeName = DoctorIdAttribute)]
    public Guid DoctorId { get; set; }

    [DynamoDBGlobalSecondaryIndexHashKey(LicenseIndex)]
    public string License { get; set; } = string.Empty;

    [DynamoDBProperty]
    public List<string> Specialties { get; set; } = new();

    [DynamoDBProperty(typeof(JsonDocumentConverter<Dictionary<Guid, string>>))]
    public Dictionary<Guid, string> Notes { get; set; } = new();
}
