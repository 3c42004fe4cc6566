import { defineApiSuite } from "./api-suite";

defineApiSuite("standalone");
