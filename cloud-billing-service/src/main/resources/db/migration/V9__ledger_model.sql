-- The model a MaaS token line billed (a model id as tongyi-service names it, such as qwen-max): MaaS revenue split by
-- model, and so by model family, for margin-per-million-tokens. Null on other products and on lines sent before, or
-- by a billing system that does not name the model. Written once for H2 (PostgreSQL mode) and PostgreSQL 15.
ALTER TABLE ledger_line ADD COLUMN model VARCHAR(64);
