-- A worker that starts cold finds the links it stored before for the same sentence text (same tenant, same ESCO
-- index version) instead of asking the model again (hiring.services.esco_links, stores.esco_links.known_links).
CREATE INDEX esco_links_sentence ON esco_links (tenant_id, index_version, md5(sentence));
