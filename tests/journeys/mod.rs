//! Journeys: what a visitor, an operator or a client does, step by step.

mod edge;
mod instance;
mod process;
mod web_app;
