//! Journeys: what a visitor, an operator or a client does, step by step.

mod accounts;
mod authorization;
mod compare;
mod edge;
mod faults;
mod federation;
mod instance;
mod openapi;
mod partners;
mod patterns;
mod process;
mod replicas;
mod screening;
mod stats;
mod stories;
mod web_app;
