"""pp_ai: the Python coaching service that reads and writes pp_api's DynamoDB tables."""
