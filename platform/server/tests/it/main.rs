//! Integration tests of the `dropit` server against the real services of the local stack
//! (`scripts/test` starts them and exports their settings). Each test gets its own database.

mod support;

mod access;
mod athletes;
mod audit;
mod backup;
mod cache;
mod cli;
mod clubs;
mod credentials;
mod demo;
mod dependencies;
mod exercises;
mod health;
mod http;
mod identity;
mod invitations;
mod logs;
mod media;
mod members;
mod metrics;
mod migrate;
mod mobile;
mod openapi;
mod planning;
mod platform;
mod sdk;
mod search;
mod shutdown;
mod stats;
mod tracing;
mod transfer;
mod web;
mod workouts;
