/** Search limits and stages (pure data: the browser bundle uses them too). */
import { submittedStatuses } from "../lifecycle";
export const searchStages = submittedStatuses;

export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_LIMIT = 50;
