-- newsmetrics schema, version 3: open intervals ("after 2016", "before 2010").
-- A missing bound is NULL: start_date IS NULL is open to the past, end_date IS NULL
-- open to the future. Facts never take an open interval as their period.
ALTER TABLE dates ALTER COLUMN start_date DROP NOT NULL;
ALTER TABLE dates ALTER COLUMN end_date DROP NOT NULL;
