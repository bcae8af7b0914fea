package io.mooring.checkins;

import java.time.LocalDate;
import java.util.Map;

/** A validated check-in as the peer entered it (amounts in {@code unit}; periodEnd null means today). */
public record NewCheckIn(LocalDate periodEnd, String unit, Map<String, Double> amounts, Map<String, Integer> pulses,
                         String reflection, boolean discuss, boolean shareAnswers, boolean shareReflection) {}
