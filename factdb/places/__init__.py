"""Places: a GeoNames-based gazetteer with parent chains, and place mentions resolved in context.

Pure, no database: ``factdb.extract`` calls it, the store files its ``Place`` records as
entities with their parents.
"""
