-- SPDX-License-Identifier: GPL-3.0-or-later
-- Segflow's PostgreSQL tables (output.database; README "Databases and CRM export").
-- {schema} and {prefix} stand for output.database.schema and output.database.table_prefix.
-- One run partition = one as_of_date; a load replaces its partition in one transaction.

CREATE TABLE IF NOT EXISTS {schema}.{prefix}customers (
  as_of_date          date             NOT NULL,
  customer_id         text             NOT NULL,
  country             text,
  recency_days        integer          NOT NULL,
  frequency           integer          NOT NULL,
  monetary            double precision NOT NULL,
  total_quantity      bigint,
  avg_basket_value    double precision NOT NULL,
  first_purchase      timestamp        NOT NULL,
  last_purchase       timestamp        NOT NULL,
  tenure_days         integer          NOT NULL,
  distinct_products   integer,
  rows_used           bigint           NOT NULL,
  segment_id          integer,
  segment_name        text,
  rfm_recency_score   integer,
  rfm_frequency_score integer,
  rfm_monetary_score  integer,
  rfm_score           text,
  rfm_segment         text,
  previous_segment_id integer,
  previous_rfm_segment text,
  segment_changed     boolean,
  rfm_segment_changed boolean,
  segment_since       date,
  rfm_segment_since   date,
  gross_monetary      double precision,
  returns_value       double precision,
  PRIMARY KEY (as_of_date, customer_id)
);

CREATE TABLE IF NOT EXISTS {schema}.{prefix}segments (
  as_of_date         date             NOT NULL,
  kind               text             NOT NULL,
  segment_id         integer          NOT NULL,
  segment_name       text             NOT NULL,
  description        text             NOT NULL,
  recommended_action text             NOT NULL,
  size               bigint           NOT NULL,
  customer_share     double precision NOT NULL,
  revenue            double precision NOT NULL,
  revenue_share      double precision NOT NULL,
  features           jsonb            NOT NULL,
  PRIMARY KEY (as_of_date, kind, segment_id)
);
