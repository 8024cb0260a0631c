"""The CDK app of the hiring platform: one stack composed of feature constructs."""
