import { describe, expect, it } from "vitest";
import { findDates } from "../../server/ingest/date-phrases.ts";

/** The dates of a sentence, resolved as for a past act unless told otherwise. */
const dates = (text: string, published: string | null, direction: "past" | "future" = "past") =>
  findDates(text, published).map((phrase) => phrase.resolve(direction));

describe("dates resolved against the publication date", () => {
  it("reads explicit dates in either order, day-first numerals, ranges and years", () => {
    expect(dates("released on December 7, 2023", null)).toEqual(["2023-12-07"]);
    expect(dates("signed on 9 November 2020", null)).toEqual(["2020-11-09"]);
    expect(dates("10.11.2020", null)).toEqual(["2020-11-10"]);
    expect(dates("Between 19 and 20 September 2023, Azerbaijan launched", null)).toEqual([
      "2023-09-19/2023-09-20",
    ]);
    expect(dates("the war that began in 2020", null)).toEqual(["2020"]);
    expect(dates("in April 2023 alone", null)).toEqual(["2023-04"]);
  });

  it("puts a past weekday on the latest such day on or before publication, a future one after", () => {
    // 13 December 2023 is a Wednesday.
    expect(dates("released on Thursday", "2023-12-13")).toEqual(["2023-12-07"]);
    expect(dates("met on Wednesday", "2023-12-13")).toEqual(["2023-12-13"]);
    expect(dates("will meet on Thursday", "2023-12-13", "future")).toEqual(["2023-12-14"]);
  });

  it('reads "in September" and a bare day as the latest before publication', () => {
    expect(dates("the offensive in September", "2023-12-29")).toEqual(["2023-09"]);
    expect(dates("the offensive in September", "2024-03-01")).toEqual(["2023-09"]);
    expect(dates("An agreement on 7 December", "2024-01-25")).toEqual(["2023-12-07"]);
  });

  it('reads "last week" as the whole week before the publication week', () => {
    expect(dates("talks held last week", "2023-07-20")).toEqual(["2023-07-10/2023-07-16"]);
  });

  it("gives no date for a relative phrase without a publication date, nor for vague ones", () => {
    expect(dates("released on Thursday", null)).toEqual([]);
    expect(dates("talks held last week", null)).toEqual([]);
    expect(dates("which became acute several weeks ago", "2020-11-21")).toEqual([]);
    expect(dates("The talks went well.", "2023-12-13")).toEqual([]);
  });
});

describe("dates at the edges", () => {
  it("reads a day glued to its month, taking the year from the sentence", () => {
    expect(
      findDates("It was signed on 9November by the leaders, effective 10 November 2020", null).map((p) =>
        p.resolve("past"),
      ),
    ).toEqual(["2020-11-09", "2020-11-10"]);
  });

  it("reads a deadline and a start as open intervals", () => {
    expect(findDates("shall be returned by 20 November 2020", null).map((p) => p.resolve("past"))).toEqual([
      "../2020-11-20",
    ]);
    expect(findDates("tensions since 2020", null).map((p) => p.resolve("past"))).toEqual(["2020/.."]);
  });

  it("reads the close of a year as its December", () => {
    expect(
      findDates("progress in peace talks as 2023 draws to a close", null).map((p) => p.resolve("past")),
    ).toEqual(["2023-12"]);
  });
});

describe("the night before", () => {
  it('reads "overnight" in a readout as the night before publication', () => {
    expect(
      findDates("Blinken spoke overnight with Aliyev", "2022-09-13").map((p) => p.resolve("past")),
    ).toEqual(["2022-09-12/2022-09-13"]);
    expect(findDates("Blinken spoke overnight with Aliyev", null)).toEqual([]);
  });
});
