-- Where each model is listed on the model hubs (Hugging Face, ModelScope): the id a hub's listing names it by, so
-- an imported listing finds the models tongyi tracks. One id per model and hub; one model per hub id.
CREATE TABLE model_hub_id (
    model_id VARCHAR(64)  NOT NULL REFERENCES model (model_id),
    platform VARCHAR(20)  NOT NULL,
    hub_id   VARCHAR(200) NOT NULL,
    PRIMARY KEY (model_id, platform),
    CONSTRAINT model_hub_id_unique UNIQUE (platform, hub_id)
);
